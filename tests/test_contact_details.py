"""No page publishes an email address or a phone number, not even in a hidden note (the
real build's message is in test_failure_catalogue.py)."""
from __future__ import annotations

from coproduction import contact_details


def found(source: str) -> list[str]:
    return [str(error) for error in contact_details.problems(source, "docs/a.md")]


def test_email_addresses_and_phone_numbers_are_named_at_their_lines():
    messages = found("---\ntitle: A\n---\n\nEmail jane.smith@nhs.net or call 07912 345678.\n\n"
                     "[Write to Sue](mailto:sue@nhs.net)\n<!-- Ask Jane: +44 (0)20 7123 4567 -->\n"
                     "Or ring 0161-123-4567.\n")
    assert [message.split(": This page has ")[0] for message in messages] == ["docs/a.md:5"] * 2 + ["docs/a.md:7",
                                                                                                  "docs/a.md:8",
                                                                                                  "docs/a.md:9"]
    assert "an email address (jane.smith@nhs.net)" in messages[0]
    assert "what looks like a phone number (07912 345678)" in messages[1]
    assert "(sue@nhs.net)" in messages[2] and "(+44 (0)20 7123 4567)" in messages[3]
    assert "(0161-123-4567)" in messages[4]
    assert messages[0].endswith("link to its own contact page instead, and add that page to data/sources.yml "
                                "(CONTRIBUTING.md, 'Adding a source').")


def test_an_address_or_number_written_with_character_references_is_found_too():
    messages = found('Words.\n\nWrite to <a href="mailto:jane.smith&#64;nhs.net">her</a> or call 07912&#32;345678.\n')
    assert [message.split(": This page has ")[0] for message in messages] == ["docs/a.md:3", "docs/a.md:3"], messages
    assert "(jane.smith@nhs.net)" in messages[0] and "(07912 345678)" in messages[1]


def test_numbers_that_are_not_phone_numbers_and_example_addresses_are_fine():
    assert found("In 2017 and 2018: 72%, £13.85 an hour, 10,000 people, version 1.5, CBP-7909, 2025-12-16, "
                 "31/12/2027, ISBN 0123456789, [a page](https://x.org/item?id=01234567890), "
                 "cord-0060051-8vyu083j, hello@example.org, team@site.example.\n") == []


def test_helplines_ofcom_s_numbers_for_examples_isbns_placeholders_and_handles_are_fine():
    # Numbers organisations give for help (03, 080...), Ofcom's numbers kept for films and examples, and
    # addresses that are nobody's: what a guide for carers and NHS staff might well show.
    assert found("Mind's infoline is 0300 123 3393, and Age UK's is 0800 678 1602. In a film: 07700 900123, "
                 "01632 960123, 020 7946 0000. Books: ISBN-10: 0198526636; ISBNs 0198526636 and 0198526637.\n\n"
                 "Sign in as firstname.lastname@nhs.net. Follow @nhsengland@mastodon.social. Clone "
                 "git@github.com:org/repo.git. ![A logo](logo@2x.png)\n") == []
