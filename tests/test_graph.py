"""The document graph built from the five corpus documents and the manifest's documents without text."""

from __future__ import annotations

import pytest

from ingest.graph import DocumentGraph
from ingest.manifest import load_manifest
from ingest.numbers import parse_mentions
from tests.test_references import CORPUS, MANIFEST, corpus_document


@pytest.fixture(scope="module")
def documents():
    return {entry["number"]: corpus_document(entry["number"]) for entry in MANIFEST["documents"]}


@pytest.fixture(scope="module")
def graph(documents):
    return DocumentGraph.build(
        documents.values(), load_manifest(CORPUS / "manifest.json").referenced_without_text
    )


def said(documents, item) -> str:
    """The words of the citing text an edge or fact was read from."""
    return documents[item.stated_in].text[item.start : item.end]


def test_nodes_know_whether_the_text_is_available(graph):
    for entry in MANIFEST["documents"]:
        assert graph.node(entry["number"]).has_text
    for number in ("62-KL/TW", "19-NQ/TW", "02-ĐA/TU", "66-NQ/TW", "24/KH-UBND", "120/2020/NĐ-CP"):
        assert not graph.node(number).has_text, number
    # the manifest gives what it knows; a number only cited takes what the citing text says
    assert graph.node("19-NQ/TW").issued == "2017-10-25"
    assert (graph.node("66-NQ/TW").doc_type, graph.node("66-NQ/TW").issued) == ("Nghị quyết", "2025-04-30")
    assert graph.node("1085/qđ-ttg").number == "1085/QĐ-TTg"
    assert graph.node("999-KL/TW") is None


def test_what_3400_implements(graph, documents):
    implemented = graph.implements("3400-CV/TU")
    assert implemented[0].target == "62-KL/TW"  # first said in its title
    assert {edge.target for edge in implemented} == {"62-KL/TW", "19-NQ/TW"}
    assert said(documents, implemented[0]) == "Triển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị"


def test_what_a_cited_document_implements_is_read_from_the_citing_text(graph, documents):
    (edge,) = graph.implements("62-KL/TW")
    assert (edge.target, edge.stated_in, edge.locator) == ("19-NQ/TW", "3400-CV/TU", ("19",))
    assert "về thực hiện Nghị quyết 19-NQ/TW" in said(documents, edge)
    assert [edge.target for edge in graph.implements("24/KH-UBND")] == ["66-NQ/TW"]
    assert [edge.target for edge in graph.implements("14-KH/TU")] == ["66-NQ/TW"]


def test_the_plan_cascade_of_141(graph):
    assert [edge.target for edge in graph.implements("141/KH-UBND")] == ["14-KH/TU", "24/KH-UBND", "66-NQ/TW"]


def test_who_cites_19(graph, documents):
    citing = {(edge.source, edge.relation, edge.stated_in) for edge in graph.cited_by("19-NQ/TW")}
    assert citing == {
        ("3400-CV/TU", "thực hiện", "3400-CV/TU"),
        ("3400-CV/TU", "theo", "3400-CV/TU"),
        ("62-KL/TW", "thực hiện", "3400-CV/TU"),  # what 62 is about, as 3400 says
    }
    for edge in graph.cited_by("19-NQ/TW"):
        assert "19-NQ/TW" in said(documents, edge)


def test_what_1378_cites_and_what_it_says_283_does(graph):
    assert [(edge.target, edge.relation) for edge in graph.cites("1378/QĐ-BNV")] == [
        ("25/2025/NĐ-CP", "căn cứ"),
        ("1085/QĐ-TTg", "căn cứ"),
        ("283/2025/NĐ-CP", "căn cứ"),
    ]
    (amends,) = graph.cites("283/2025/NĐ-CP")
    assert (amends.relation, amends.target, amends.stated_in) == ("sửa đổi", "120/2020/NĐ-CP", "1378/QĐ-BNV")


def test_edges_are_stated_once_per_citing_document(graph):
    keys = [(e.source, e.relation, e.target, e.stated_in) for e in graph.edges]
    assert len(keys) == len(set(keys))
    # 1378 repeats the same legal basis under each of its four procedures: one edge, the first place
    (basis,) = [e for e in graph.cites("1378/QĐ-BNV") if e.target == "283/2025/NĐ-CP"]
    assert basis.locator == ("107",)  # the line of its first statement in the stored text


def test_about_62(graph, documents):
    facts = {(fact.kind, fact.value, fact.stated_in) for fact in graph.about("62-KL/TW")}
    assert facts == {
        ("issued", "2023-10-02", "3400-CV/TU"),
        ("issuer", "Bộ Chính trị", "3400-CV/TU"),
        ("doc_type", "Kết luận", "3400-CV/TU"),
        ("thực hiện", "19-NQ/TW", "3400-CV/TU"),
    }
    (issued,) = [fact for fact in graph.about("62-KL/TW") if fact.kind == "issued"]
    assert said(documents, issued) == "Thực hiện Kết luận 62-KL/TW ngày 02/10/2023 của Bộ Chính trị"
    assert issued.locator == ("19",)


def test_about_a_document_nobody_cites_is_empty(graph):
    assert graph.about("2920/QĐ-UBND") == []


@pytest.mark.parametrize(
    "question, expected",
    [
        ("kế hoạch 141 của Bắc Ninh", ["141/KH-UBND"]),
        ("nghị quyết 66", ["66-NQ/TW"]),  # known only because 141/KH-UBND cites it
        ("Nghị định 120", ["120/2020/NĐ-CP"]),
        ("kế hoạch 24", ["24/KH-UBND"]),
    ],
)
def test_resolves_mentions_against_every_known_document(graph, question, expected):
    (mention,) = parse_mentions(question)
    assert graph.resolve(mention) == expected
