"""Words kept by the identity of what they are made of: made once for the same records, made
again for another record, even one that is equal or takes the id of one gone."""

from __future__ import annotations

from sinotime.memo import kept_by_identity


def test_the_same_arguments_are_worded_once_and_others_again() -> None:
    made: list[tuple[str, str]] = []

    @kept_by_identity(4)
    def joined(first: list[str], second: list[str]) -> str:
        made.append((first[0], second[0]))
        return first[0] + second[0]

    a, b, equal_to_a = ["a"], ["b"], ["a"]
    assert joined(a, b) == joined(a, b) == "ab"
    assert joined(equal_to_a, b) == "ab"
    assert made == [("a", "b"), ("a", "b")]


def test_a_later_object_with_a_kept_id_is_never_given_the_kept_words() -> None:
    @kept_by_identity(1 << 10)
    def first_word(words: list[str]) -> str:
        return words[0]

    seen: dict[int, str] = {}
    for n in range(2000):  # ids of lists freed here are soon taken by new ones
        words = [f"w{n}"]
        assert first_word(words) == f"w{n}"
        seen[id(words)] = words[0]
    assert len(seen) < 2000  # ids were reused, and each object still got its own words


def test_at_most_the_given_number_are_kept() -> None:
    made: list[int] = []

    @kept_by_identity(3)
    def square(box: list[int]) -> int:
        made.append(box[0])
        return box[0] ** 2

    boxes = [[n] for n in range(5)]
    for box in boxes:
        square(box)
    square(boxes[0])  # forgotten once more than three were kept
    assert made == [0, 1, 2, 3, 4, 0]
