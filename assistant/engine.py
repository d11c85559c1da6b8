"""Assistant stage entry point: `Assistant.open(settings)` once, then `ask(question, conversation_id)`.

The index client, the embedding model, the documents and the diacritic restorer are built once and shared by
every question; a question touches no global state except its conversation's record in the store.
"""

from __future__ import annotations

import dataclasses

from assistant.across import answer_across
from assistant.compose import answer_frequency, answer_general, answer_person, answer_report, answer_what
from assistant.compose import answer_when, answer_who, answer_yesno
from assistant.compose import Context, refuse, section_passage
from assistant.conversations import ConversationStore, Turn, new_conversation_id
from assistant.errors import IndexNotReady
from assistant.facts import answer_doc_fact
from assistant.merge import merge_answers
from assistant.neighbours import with_executors, with_neighbours
from assistant.kinds import default_model
from assistant.question import Question, read_question
from assistant.refusal import explain_refusal
from assistant.relevance import Relevance, content_terms
from assistant.retrieve import Retriever
from assistant.types import Answer, Passage
from assistant.writer import Writer
from ingest.graph import DocumentGraph
from ingest.index import CorpusIndex, open_index
from ingest.passages import passages_of
from ingest.numbers import resolve_mention
from ingest.restore import DiacriticRestorer
from ingest.types import Document

# A follow-up with at least this many content words of its own is searched on its own words.
OWN_TOPIC_WORDS = 3


class Assistant:
    def __init__(self, index: CorpusIndex, conversations: ConversationStore, writer: Writer | None = None):
        if index.embedder is None:
            raise ValueError("the assistant needs an embedder to read questions")
        self.index = index
        self.conversations = conversations
        self.writer = writer  # optional rephrasing of composed answers (assistant.writer)
        self.reload()

    @classmethod
    def open(cls, settings) -> Assistant:
        """Open the configured index, embedder and writer (raises StoreError, EmbedderUnavailable, WriterUnavailable)."""
        from ingest.embed import load_embedder

        writer = None
        if settings.llm_url:  # built first: a bad writer setting must not leave the index open
            from assistant.writer import OpenAILikeWriter

            writer = OpenAILikeWriter(settings.llm_url, settings.llm_model)
        key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
        embedder = load_embedder(settings.embedder)
        index = open_index(settings.data_dir, settings.qdrant_url, key, settings.collection, embedder)
        return cls(index, ConversationStore(index.store.client, f"{settings.collection}_conversations"), writer)

    def reload(self) -> None:
        """Read the documents again (after an ingest or a removal)."""
        records = self.index.records()
        self.documents: dict[str, Document] = {r.document.number: r.document for r in records}
        versions = {r.document.number: r.version for r in records}
        self.graph = DocumentGraph.build(self.documents.values())
        restorer = DiacriticRestorer.from_texts(d.text for d in self.documents.values())
        self.retriever = Retriever(self.index.store, self.index.embedder, restorer, versions)
        texts = [f"{p.context} {p.text}" for d in self.documents.values() for p in passages_of(d)]
        self.context = Context(self.documents, Relevance(texts))

    def close(self) -> None:
        self.index.close()

    def warm_up(self) -> None:
        """Pay the one-time costs before the first user waits: the embedding engine's first calls (one per
        input length it sees), the question-kind model's training and the index's first searches. Long-running
        processes call it at start."""
        default_model()
        for text in ("Ai chủ trì?", "Đơn vị nào chịu trách nhiệm chủ trì, phối hợp theo dõi, kiểm tra, giám sát "
                     "việc thực hiện kế hoạch và báo cáo kết quả định kỳ hằng năm cho cơ quan cấp trên?"):
            if not self.documents:  # a service started before its first upload: no index to search yet
                self.index.embedder.embed_query(text)
                continue
            self.retriever.search(text)
            for number in list(self.documents)[:1]:
                self.retriever.search(text, documents=(number,))

    def ask(self, question: str, conversation_id: str | None = None, remember_as: str | None = None) -> Answer:
        """Answer from the documents, or say plainly that they do not settle the question. The turn is
        remembered under `remember_as` when given (clients that name a conversation by its history), else
        under `conversation_id`, else under a new id."""
        q = read_question(question, self.retriever.restorer.restore)
        if not self.documents:
            raise IndexNotReady("Chưa có văn bản nào được nạp. Hãy chạy `chidao ingest` (hoặc `make run`) trước.")
        previous = self.conversations.get(conversation_id) if conversation_id else None
        numbers, cited = self._documents_named(q)
        followup = previous is not None and not numbers and not cited and (
            q.looks_like_followup or len(content_terms(q)) < OWN_TOPIC_WORDS
        )
        if followup and previous is not None:
            q = _kind_in_conversation(q, previous.kind)
        subjects = q.units
        search_text = q.text
        anchor: list[Passage] = []
        if followup:
            numbers = previous.documents
            subjects = q.units or previous.subjects
            if len(content_terms(q)) < OWN_TOPIC_WORDS:
                search_text = f"{previous.topic} {q.text}"
                anchor = self._passage_at(previous.passage)
        if len(numbers) > 1 and not anchor and q.kind != "doc_fact" and not q.across:
            # several documents named: each answers for itself (assistant.merge)
            searches = [self.retriever.search(search_text, documents=(number,)) for number in numbers]
            answer = merge_answers([
                self._compose(q, followup, subjects, (number,), cited, found)
                for number, found in zip(numbers, searches)
            ])
            passages = sorted((p for found in searches for p in found), key=lambda p: -p.score)
        else:
            passages = anchor + [
                p for p in self.retriever.search(search_text, documents=numbers)
                if not anchor or (p.doc_number, p.start) != (anchor[0].doc_number, anchor[0].start)
            ]
            passages = with_neighbours(q, passages, self.documents, self.context.relevance)
            passages = with_executors(q, passages, self.documents, numbers)
            answer = self._compose(q, followup, subjects, numbers, cited, passages)
            if q.then and not followup:
                answer = _with_second_part(answer, self._compose(
                    dataclasses.replace(q, kind=q.then), followup, subjects, numbers, cited, passages))
        answer = explain_refusal(answer, numbers, passages, self.documents)
        if self.writer is not None:
            answer = self.writer.write(q.text, answer)
        conversation_id = remember_as or conversation_id or new_conversation_id()
        self._remember(conversation_id, answer, numbers, subjects, search_text, q)
        return Answer(answer.answer, answer.answerable, answer.units, answer.citations, conversation_id,
                      answer.kind, answer.notes,
                      {**_reading(q, numbers, cited, subjects, followup), **answer.debug})

    def _compose(self, q: Question, followup: bool, subjects, numbers, cited, passages) -> Answer:
        kind = q.kind
        if followup and q.units and kind in ("general", "what"):
            kind = "what"  # "còn Sở Tài chính thì sao?": the same question about another unit
        if q.across == "order" or (q.across == "which" and not cited and (len(numbers) != 1 or q.units)):
            return answer_across(q, numbers, passages, self.context)
        if kind == "doc_fact" or (cited and not numbers and kind == "general"):
            return answer_doc_fact(q, numbers, cited, passages, self.context, self.graph)
        if not passages:
            return refuse(q, "nothing retrieved")
        if kind == "what" and subjects:
            return answer_what(q, subjects, passages, self.context, numbers)
        handlers = {
            "who": answer_who, "report": answer_report, "when": answer_when, "yesno": answer_yesno,
            "person": answer_person, "frequency": answer_frequency,
        }
        return handlers.get(kind, answer_general)(q, passages, self.context)

    def _documents_named(self, q: Question) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Corpus documents the question names, and documents it names that the corpus only cites."""
        issuers = {number: d.issuer or "" for number, d in self.documents.items()}
        known = list(self.documents)
        cited_numbers = [node.number for node in self.graph.nodes if not node.has_text]
        numbers: list[str] = []
        cited: list[str] = []
        for mention in q.mentions:
            # the place the user named narrows ("kế hoạch 141 của Bắc Ninh"); a misread place must not empty it
            found = resolve_mention(mention, known, issuers) or resolve_mention(mention, known)
            if found:
                numbers += [n for n in found[:1] if n not in numbers]
                continue
            cited += [n for n in resolve_mention(mention, cited_numbers)[:1] if n not in cited]
        return tuple(numbers), tuple(cited)

    def _passage_at(self, where) -> list[Passage]:
        if not where or where[0] not in self.documents:
            return []
        number, start, end = where
        document = self.documents[number]
        for section in document.walk():
            if section.start == start:
                found = section_passage(document, section)
                return [Passage("anchor", 1.0, number, found.locator, found.paragraph, found.label, found.kind,
                                found.start, found.end, found.text, "", found.assignments, {})]
        return []

    def _remember(self, conversation_id: str, answer: Answer, numbers, subjects, search_text, q: Question) -> None:
        first = answer.citations[0] if answer.citations else None
        answered_units = tuple(dict.fromkeys(u.name for u in answer.units if u.role != "phối hợp"))
        turn = Turn(
            documents=tuple(numbers) or ((first.doc_number,) if first else ()),
            subjects=answered_units or tuple(subjects),
            topic=search_text,
            passage=(first.doc_number, first.start, first.end) if first else None,
            kind=q.kind,
        )
        self.conversations.put(conversation_id, turn)


def _reading(q: Question, numbers, cited, subjects, followup: bool) -> dict:
    """Every decision the question's reading made, for the answer's debug field."""
    reading = q.kind_reading
    return {
        "kind": q.kind,
        "second_part_kind": q.then,
        "across_documents": q.across,
        "kind_confidence": reading.confidence if reading else None,
        "kind_cue": reading.cue if reading else None,
        "kind_scores": dict(reading.scores) if reading else {},
        "units_named": list(q.units),
        "issuers_named": list(q.issuers),
        "doers_named": list(q.doers),
        "subjects": list(subjects),
        "documents": list(numbers),
        "cited_only": list(cited),
        "roles_asked": list(q.roles),
        "followup": followup,
        "typed_without_diacritics": q.typed_without_diacritics,
    }


def _with_second_part(first: Answer, second: Answer) -> Answer:
    """A two-part question's answer: the first part's, then the second's with its own citations (renumbered);
    a second part the documents do not settle is left out, and a first part they do not settle refuses the
    whole (a second part alone would answer what was not asked first). The second part adds nothing
    when it only repeats the first part's clauses."""
    if not first.answerable or not second.answerable:
        return first
    if {(c.doc_number, c.start, c.end) for c in second.citations} <= {
            (c.doc_number, c.start, c.end) for c in first.citations}:
        return first
    merged = merge_answers([first, second])
    return dataclasses.replace(merged, kind=first.kind, notes=first.notes + second.notes + ("answered in two parts",))


def _kind_in_conversation(q: Question, previous_kind: str) -> Question:
    """An elliptic follow-up (the kind model unsure, the cue words silent) asks what the last question asked:
    "Ai chủ trì việc X?" then "còn việc Y?" is a who; a unit named alone ("còn Sở Tài chính?") asks its duties."""
    reading = q.kind_reading
    if reading is None or reading.confidence >= default_model().min_confidence or reading.cue != "general":
        return q
    kind = "what" if q.units else previous_kind
    return dataclasses.replace(q, kind=kind, kind_reading=dataclasses.replace(reading, kind=kind, cue="conversation"))
