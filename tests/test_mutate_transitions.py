"""``make mutate`` judges a mutant equivalent only when ``step()`` could not tell it from the original."""

from skill.conversation import EventKind, Mode
from skill.conversation.anywhere import didnt_catch
from skill.conversation.moments import cramp_named_where_asked
from skill.conversation.opening import is_it_a_muscle
from tooling.mutate_transitions import behaviour


def test_a_mutant_differing_only_in_the_miss_count_step_resets_is_equivalent() -> None:
    # (ASKED_WHERE, UNSURE) cannot count a miss, so step() hands over no run of misses; the two
    # transitions then differ in nothing (cramp_named_where_asked, the first, only resets a count that is
    # already none).
    assert behaviour(cramp_named_where_asked, Mode.ASKED_WHERE, EventKind.UNSURE) == behaviour(
        is_it_a_muscle, Mode.ASKED_WHERE, EventKind.UNSURE
    )


def test_a_mutant_that_answers_otherwise_is_not_equivalent() -> None:
    assert behaviour(didnt_catch, Mode.ASKED_WHERE, EventKind.UNSURE) != behaviour(
        is_it_a_muscle, Mode.ASKED_WHERE, EventKind.UNSURE
    )
