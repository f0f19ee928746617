import pytest

from actors.parsing import split_minister_titles


def test_titles_run_together_are_split_in_order():
    printed = (
        "Minister for Local and Provincial Government, Urban Policy, Integration and Civic "
        "Integration Minister for Education Minister for Welfare Minister for Youth and Media "
        "Minister for Work"
    )
    assert split_minister_titles(printed) == [
        "Minister for Local and Provincial Government, Urban Policy, Integration and Civic "
        "Integration",
        "Minister for Education",
        "Minister for Welfare",
        "Minister for Youth and Media",
        "Minister for Work",
    ]


def test_a_title_with_commas_and_and_stays_whole():
    assert split_minister_titles("Minister for Media, Youth and Brussels Affairs") == [
        "Minister for Media, Youth and Brussels Affairs"
    ]


def test_trailing_full_stop_is_dropped():
    assert split_minister_titles("Minister for Education.") == ["Minister for Education"]


@pytest.mark.parametrize("printed", ["", "Prime Minister", "Minister for Work Minister for Work"])
def test_text_that_is_not_a_list_of_titles_is_refused(printed):
    with pytest.raises(ValueError):
        split_minister_titles(printed)
