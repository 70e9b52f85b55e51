"""The hard-case table: expression, DCT, kind, tense -> expected TIMEX3 value.

Written by hand for dossier (weekdays on either side of the DCT, year boundaries, ISO
weeks, leap days, ranges, parts of day, centuries, durations, vague references). Columns:
text | dct (or -) | kind | tense (or -) | expected value. Rows for narrative anaphora are
in ``NARRATIVE`` (a whole passage, expected values in order).
"""

from __future__ import annotations

TABLE = """
on Friday                         | 2022-11-11 | news | past    | 2022-11-11
on Friday                         | 2022-11-14 | news | past    | 2022-11-11
on Friday                         | 2022-11-09 | news | future  | 2022-11-11
on Friday                         | 2022-11-11 | news | future  | 2022-11-11
Thursday                          | 2022-11-11 | news | past    | 2022-11-10
Monday                            | 2023-01-01 | news | past    | 2022-12-26
Monday                            | 2022-12-30 | news | future  | 2023-01-02
last Friday                       | 2022-11-11 | news | -       | 2022-11-04
next Friday                       | 2022-11-11 | news | -       | 2022-11-18
this Wednesday                    | 2022-11-11 | news | -       | 2022-11-09
early Friday                      | 2022-11-11 | news | past    | 2022-11-11
Friday morning                    | 2022-11-11 | news | past    | 2022-11-11TMO
Sunday night                      | 2022-11-14 | news | past    | 2022-11-13TNI
yesterday                         | 2022-11-11 | news | -       | 2022-11-10
yesterday                         | 2023-01-01 | news | -       | 2022-12-31
tomorrow                          | 2024-02-28 | news | -       | 2024-02-29
tomorrow                          | 2023-02-28 | news | -       | 2023-03-01
today                             | 2022-11-11 | news | -       | 2022-11-11
tonight                           | 2022-11-11 | news | -       | 2022-11-11TNI
this morning                      | 2022-11-11 | news | -       | 2022-11-11TMO
last night                        | 2022-11-11 | news | -       | 2022-11-10TNI
this week                         | 2022-11-11 | news | -       | 2022-W45
earlier this week                 | 2022-11-11 | news | -       | 2022-W45
next week                         | 2022-11-11 | news | -       | 2022-W46
last week                         | 2023-01-02 | news | -       | 2022-W52
this week                         | 2021-01-01 | news | -       | 2020-W53
next week                         | 2020-12-31 | news | -       | 2021-W01
last month                        | 2023-01-15 | news | -       | 2022-12
next month                        | 2022-12-15 | news | -       | 2023-01
this year                         | 2022-11-11 | news | -       | 2022
last year                         | 2022-11-11 | news | -       | 2021
next year                         | 2022-11-11 | news | -       | 2023
two years ago                     | 2022-11-11 | news | -       | 2020
nearly nine months ago            | 2022-11-11 | news | -       | 2022-02
three days ago                    | 2022-03-02 | news | -       | 2022-02-27
three days ago                    | 2024-03-02 | news | -       | 2024-02-28
a month ago                       | 2022-03-31 | news | -       | 2022-02
weeks ago                         | 2022-11-11 | news | -       | PAST_REF
a few months ago                  | 2022-11-11 | news | -       | PAST_REF
the end of September              | 2022-11-11 | news | past    | 2022-09
the start of October              | 2022-11-11 | news | past    | 2022-10
in December                       | 2022-11-11 | news | past    | 2021-12
in December                       | 2022-11-11 | news | future  | 2022-12
in January                        | 2022-11-11 | news | future  | 2023-01
Feb. 24                           | 2022-11-11 | news | past    | 2022-02-24
Feb. 29                           | 2024-03-10 | news | past    | 2024-02-29
12 November                       | 2022-11-11 | news | future  | 2022-11-12
Dec. 31                           | 2023-01-02 | news | past    | 2022-12-31
Jan. 2                            | 2022-12-30 | news | future  | 2023-01-02
Monday, Oct. 26                   | 1998-10-25 | news | past    | 1998-10-26
the third quarter                 | 2022-11-11 | news | -       | 2022-Q3
the third quarter of 2021         | 2022-11-11 | news | -       | 2021-Q3
11 November 2022                  | -          | news | -       | 2022-11-11
Nov. 11, 2022                     | -          | news | -       | 2022-11-11
November 11th, 2022               | -          | news | -       | 2022-11-11
the 29th of February 2024         | -          | news | -       | 2024-02-29
2022-11-11                        | -          | news | -       | 2022-11-11
September 2022                    | -          | news | -       | 2022-09
about 2 March, 2022               | -          | news | -       | 2022-03-02
9 to 11 November 2022             | -          | news | -       | 2022-11-09/2022-11-11
30 December 2022 to 2 January 2023| -          | news | -       | 2022-12-30/2023-01-02
November 9-11, 2022               | -          | news | -       | 2022-11-09/2022-11-11
28 February to 1 March 2024       | -          | news | -       | 2024-02-28/2024-03-01
the evening of 10 November 2022   | -          | news | -       | 2022-11-10TEV
11 November 2022 5 a.m. Moscow time | -        | news | -       | 2022-11-11T05:00
3:30 p.m. on 11 November 2022     | -          | news | -       | 2022-11-11T15:30
just after 3 a.m.                 | 2022-11-11 | news | -       | 2022-11-11T03:00
at noon                           | 2022-11-11 | news | -       | 2022-11-11T12:00
the 18th century                  | -          | news | -       | 17
the twentieth century             | -          | news | -       | 19
the 1990s                         | -          | news | -       | 199
the early 2000s                   | -          | news | -       | 200
2014                              | -          | news | -       | 2014
summer 2021                       | -          | news | -       | 2021-SU
last summer                       | 2013-03-22 | news | -       | 2012-SU
three days                        | -          | news | -       | P3D
45 days                           | -          | news | -       | P45D
within 24 hours                   | -          | news | -       | PT24H
for months                        | -          | news | -       | PXM
one week                          | -          | news | -       | P1W
an hour                           | -          | news | -       | PT1H
90 minutes                        | -          | news | -       | PT90M
two and a half years              | -          | news | -       | P2Y6M
a decade                          | -          | news | -       | P10Y
several days                      | -          | news | -       | PXD
the past two years                | 2022-11-11 | news | -       | P2Y
a three-month                     | -          | news | -       | P3M
now                               | 2022-11-11 | news | -       | PRESENT_REF
the past                          | 2022-11-11 | news | -       | PAST_REF
the future                        | 2022-11-11 | news | -       | FUTURE_REF
on Friday                         | -          | news | past    | XXXX-WXX-5
Feb. 24                           | -          | news | past    | XXXX-02-24
yesterday                         | -          | news | -       | XXXX-XX-XX
Thanksgiving Day                  | 2000-01-07 | news | past    | 1999-11-25
Easter 2024                       | -          | news | -       | 2024-03-31
Election Day                      | 1998-10-26 | news | future  | 1998-11-03
last Christmas                    | 2023-03-01 | news | -       | 2022-12-25
six days after it collapsed       | 2023-03-25 | news | past    | P6D
two weeks before the vote         | 2023-03-25 | news | -       | P2W
10 days after Smith resigned      | -          | news | -       | P10D
about 13 days after the bombing   | -          | news | -       | P13D
a month after Qantas suspended it | -          | news | -       | P1M
six days after 20 March 2023      | -          | news | -       | 2023-03-26
two weeks before Christmas 2022   | -          | news | -       | 2022-12-11
three months after March 2020     | -          | news | -       | 2020-06
two years after 2001              | -          | news | -       | 2003
a week after Friday               | 2022-11-14 | news | past    | 2022-11-18
six days later                    | 2023-03-25 | news | -       | 2023-03-31
three days earlier                | 2023-03-25 | news | -       | 2023-03-22
by year-end                       | 1989-10-27 | news | -       | 1989
since year-end                    | 1989-10-27 | news | -       | 1988
the second day of the offensive   | 2022-11-11 | news | -       | 2022-11-11
4 in the morning                  | 2022-11-11 | news | -       | 2022-11-11T04:00
9 o'clock at night                | 2022-11-11 | news | -       | 2022-11-11T21:00
in the morning                    | 2022-11-11 | news | -       | 2022-11-11TMO
by mid-afternoon                  | 2022-11-11 | news | -       | 2022-11-11TAF
into the early summer             | 1989-10-27 | news | -       | 1989-SU
the nineties                      | -          | news | -       | 199
for a while                       | -          | news | -       | PXX
a day-long meeting                | -          | news | -       | P1D
results for that quarter          | 1989-10-27 | news | -       | 1989-Q4
several quarters                  | -          | news | -       | PXQ
every quarter                     | -          | news | -       | P3M
an additional year                | -          | news | -       | P1Y
in the short term                 | 2022-11-11 | news | -       | FUTURE_REF
the night the plane crashed       | 2022-11-11 | news | -       | -
the long-term plan                | 2022-11-11 | news | -       | -
in the days before                | 2022-11-11 | news | -       | -
in the weeks before the shooting  | 2022-11-11 | news | -       | XXXX-XX
rise 8.5% annually                | -          | news | -       | -
the Party daily Pravda            | -          | news | -       | -
scared for the winter             | 2022-11-11 | news | -       | -
third-quarter profit, up from a year earlier | 1989-11-02 | news | - | 1988-Q3
net for the period rose from a year ago | 1989-11-02 | news | -   | 1988-Q3
He left the city a year ago       | 1989-11-02 | news | -       | 1988
return the boy by Jan. 14         | 2000-01-15 | news | future  | 2000-01-14
payable Dec. 7                    | 1989-10-27 | news | past    | 1989-12-07
to holders of record Nov. 22      | 1989-10-27 | news | past    | 1989-11-22
the deadline was extended to Nov. 16 | 1989-10-30 | news | past | 1989-11-16
the Jan. 14 deadline              | 2000-01-05 | news | past    | 2000-01-14
revenue ended March 31            | 1989-10-31 | news | -       | 1989-03-31
sales ended Oct. 31               | 1989-10-27 | news | past    | 1988-10-31
since the Oct. 23 slaying         | 1999-05-06 | news | -       | 1998-10-23
in February this year             | 1998-12-03 | news | past    | 1998-02
in early October this year        | 1998-12-03 | news | past    | 1998-10
in April next year                | 1998-12-03 | news | future  | 1999-04
in June last year                 | 1998-03-22 | news | past    | 1997-06
on March 5 next year              | 1998-12-03 | news | -       | 1999-03-05
later in the day                  | 1998-02-13 | news | past    | 1998-02-13
the 1996 Olympic bombing          | 1999-05-06 | news | -       | 1996
by the opening of the 2000 Olympics | 1998-02-13 | news | -     | 2000
said on ABC's "This Week," that   | 1991-02-25 | news | -       | -
on CBS's ''60 Minutes''           | 2000-04-17 | news | -       | -
11 November 5 a.m. Moscow time    | 2022-11-12 | news | past    | 2022-11-11T05:00
the 18th century Prince           | 2022-11-12 | news | -       | 17
at least 72 hours                 | -          | news | -       | PT72H
more than four decades ago        | 2000-04-01 | news | -       | 196
accounting for more than a quarter of it | -   | news | -       | -
every two years                   | -          | news | -       | P2Y
every other week                  | -          | news | -       | P2W
twice a week                      | -          | news | -       | P1W
on Sundays                        | -          | news | -       | XXXX-WXX-7
Tuesday nights                    | -          | news | -       | XXXX-WXX-2TNI
on weekends                       | -          | news | -       | XXXX-WXX-WE
at 9 o'clock                      | 2013-03-22 | news | -       | 2013-03-22T09:00
on 3/21/2013                      | -          | news | -       | 2013-03-21
on 12/31/99                       | -          | news | -       | 1999-12-31
at 10:30 a.m. ET                  | 2013-03-22 | news | -       | 2013-03-22T10:30
killed overnight in raids         | 2013-03-22 | news | past    | 2013-03-21TNI
overnight rates rose              | 2013-03-22 | news | past    | -
this past weekend                 | 2013-03-22 | news | past    | 2013-W11-WE
between March and May             | 2013-03-22 | news | future  | 2013-03
St. Patrick's Day                 | 2013-03-22 | news | past    | 2013-03-17
the Fourth of July                | 2013-03-22 | news | future  | 2013-07-04
Presidents Day                    | 2013-03-22 | news | past    | 2013-02-18
Mother's Day 2013                 | -          | news | -       | 2013-05-12
two days from today               | 2013-03-20 | news | -       | 2013-03-22
the 2012-13 season               | -          | news | -       | 2012
from 1990–1995                    | -          | news | -       | 1990
Q1 2013                           | -          | news | -       | 2013-Q1
FY2013                            | -          | news | -       | 2013
about 5 1/2 hours                 | -          | news | -       | PT5H30M
a minute and a half               | -          | news | -       | PT1M30S
1.5 hours                         | -          | news | -       | PT1H30M
half an hour                      | -          | news | -       | PT30M
this year's third quarter         | 1989-10-27 | news | past    | 1989-Q3
next year's first quarter         | 1989-10-27 | news | -       | 1990-Q1
the 1988 third quarter            | 1989-10-27 | news | -       | 1988-Q3
the last half of 1989             | 1989-10-27 | news | -       | 1989-H2
this past spring                  | 1989-10-30 | news | past    | 1989-SP
next summer                       | 2013-03-22 | news | -       | 2013-SU
last fall                         | 2013-12-01 | news | -       | 2013-FA
earnings for the full year        | 1989-10-30 | news | -       | 1989
for the year ended March 31       | 1989-10-30 | news | -       | P1Y
a third-quarter loss              | 1989-10-27 | news | future  | 1989-Q3
the first quarter                 | 1989-10-27 | news | future  | 1990-Q1
the year-ago results              | 1989-11-01 | news | -       | 1988
in coming weeks                   | 1998-02-06 | news | -       | PXW
within five business days         | -          | news | -       | P5D
six weeks ago                     | 2000-01-06 | news | -       | 1999-W47
they march each July              | -          | news | -       | XXXX-07
every summer                      | -          | news | -       | XXXX-SU
changed to a calendar year in December | 1989-10-27 | news | past | 1988-12
"""

#: Passages read as a narrative (encyclopedia, no DCT): expected values in text order.
NARRATIVE = [
    (
        "The offensive ran from 9 to 11 November 2022. On 10 November, a video emerged. On the same day, "
        "the army advanced. On 11 November they entered the city. Later that day, the flag went up. "
        "The previous day had been quiet.",
        ["2022-11-09/2022-11-11", "2022-11-10", "2022-11-10", "2022-11-11", "2022-11-11", "2022-11-10"],
    ),
    (
        "In March 2020 the plant closed. On 12 April workers protested; the next day the police came. "
        "The following morning the strike ended.",
        ["2020-03", "2020-04-12", "2020-04-13", "2020-04-14TMO"],
    ),
    (
        "The bridge collapsed on 14 March 2023. The city reopened it on 20 March 2023, six days after "
        "it collapsed. The mayor resigned three days later; the vote came two weeks before Easter 2023.",
        ["2023-03-14", "2023-03-20", "2023-03-23", "2023-03-26"],
    ),
    (
        "The treaty was signed on 31 December 1999. The day after, it came into force.",
        ["1999-12-31", "2000-01-01"],
    ),
    (
        "After the 24 February invasion, troops occupied it about 2 March, 2022, after heavy fighting the previous day.",  # noqa: E501
        ["2022-02-24", "2022-03-02", "2022-03-01"],
    ),
]


def rows() -> list[tuple[str, str | None, str, str | None, str]]:
    """The table as (text, dct, kind, tense, expected) rows."""
    out = []
    for line in TABLE.strip().splitlines():
        text, dct, kind, tense, expected = (c.strip() for c in line.split("|"))
        out.append((text, None if dct == "-" else dct, kind, None if tense == "-" else tense, expected))
    return out
