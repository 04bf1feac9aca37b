"""A strict syntax check for the opening_hours subset DESIGN.md supports (sample data only).

Accepted: `24/7`; rules separated by `;`, `,` (additional rule) or `||` (fallback); per rule, in
order, an optional year or year range, month / month-day ranges (also with years), `week` numbers
with ranges and `/step`, weekday ranges and lists, `PH`, `SH`, an optional `:` after wide ranges,
time spans (several, past midnight allowed), then `off`/`closed` and a "comment".
Everything else (sunrise, `+`, `[1]`, easter, `open`, `unknown`, ...) is an error with its position.
This checks the sample; the engine has its own parser.
"""
import re

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
TOKEN = re.compile(r'\s*(?:(?P<str>"[^"]*")|(?P<always>24/7)|(?P<time>\d\d:\d\d)|(?P<year>\d{4})|'
                   r'(?P<num>\d{1,2})|(?P<word>[A-Za-z]+)|(?P<op>\|\||[-,;/:]))')


class OHError(ValueError):
    pass


def tokenize(text):
    pos, out = 0, []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = TOKEN.match(text, pos)
        if not m:
            raise OHError("unexpected character %r at %d" % (text[pos:].lstrip()[:1], pos))
        kind = m.lastgroup
        value = m.group(kind)
        start = m.start(kind)
        if kind == "word":
            if value in MONTHS:
                kind = "month"
            elif value in WEEKDAYS:
                kind = "wd"
            elif value in ("PH", "SH"):
                kind = "hol"
            elif value in ("off", "closed"):
                kind = "off"
            elif value == "week":
                kind = "week"
            else:
                raise OHError("unsupported word %r at %d" % (value, start))
        out.append((kind, value, start))
        pos = m.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text):
        self.toks = tokenize(text)
        self.i = 0

    def peek(self, k=0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self, kind, what):
        t = self.peek()
        if t[0] != kind:
            raise OHError("expected %s at %d, found %r" % (what, t[2], t[1] or "end"))
        self.i += 1
        return t

    def at(self, kind, value=None):
        t = self.peek()
        return t[0] == kind and (value is None or t[1] == value)

    def parse(self):
        if self.at("end"):
            raise OHError("empty opening_hours")
        self.rule()
        while not self.at("end"):
            t = self.peek()
            if t[0] == "op" and t[1] in (";", ",", "||"):
                self.i += 1
                self.rule()
            else:
                raise OHError("expected ';', ',' or '||' at %d, found %r" % (t[2], t[1]))

    def rule(self):
        if self.at("always"):
            self.i += 1
            self.modifier()
            return
        matched = False
        if self.at("year") or self.at("month"):
            self.dates()
            matched = True
        if self.at("week"):
            self.weeks()
            matched = True
        if matched and self.at("op", ":"):
            self.i += 1
        if self.at("wd") or self.at("hol"):
            self.weekdays()
            matched = True
        if self.at("time"):
            self.times()
            matched = True
        if self.modifier():
            matched = True
        if not matched:
            t = self.peek()
            raise OHError("expected a selector, time span, off or comment at %d, found %r" % (t[2], t[1] or "end"))

    def modifier(self):
        found = False
        if self.at("off"):
            self.i += 1
            found = True
        if self.at("str"):
            self.i += 1
            found = True
        return found

    def day(self):
        t = self.take("num", "a day of month")
        if not 1 <= int(t[1]) <= 31:
            raise OHError("day %s out of range at %d" % (t[1], t[2]))

    def date(self):
        """[year] month [day] | year"""
        has_year = False
        if self.at("year"):
            self.i += 1
            has_year = True
        if self.at("month"):
            self.i += 1
            if self.at("num"):
                self.day()
        elif not has_year:
            t = self.peek()
            raise OHError("expected a month at %d" % t[2])

    def dates(self):
        while True:
            self.date()
            if self.at("op", "-"):
                self.i += 1
                if self.at("num"):  # Dec 24-26
                    self.day()
                else:
                    self.date()
            if self.at("op", ",") and self.peek(1)[0] in ("month", "year"):
                self.i += 1
                continue
            return

    def weeks(self):
        self.take("week", "week")
        while True:
            a = self.take("num", "a week number")
            if not 1 <= int(a[1]) <= 53:
                raise OHError("week %s out of range at %d" % (a[1], a[2]))
            if self.at("op", "-"):
                self.i += 1
                b = self.take("num", "a week number")
                if not 1 <= int(b[1]) <= 53:
                    raise OHError("week %s out of range at %d" % (b[1], b[2]))
                if self.at("op", "/"):
                    self.i += 1
                    self.take("num", "a week step")
            if self.at("op", ",") and self.peek(1)[0] == "num":
                self.i += 1
                continue
            return

    def weekdays(self):
        while True:
            if self.at("hol"):
                self.i += 1
            else:
                self.take("wd", "a weekday")
                if self.at("op", "-"):
                    self.i += 1
                    self.take("wd", "a weekday")
            if self.at("op", ",") and self.peek(1)[0] in ("wd", "hol"):
                self.i += 1
                continue
            return

    def time(self):
        t = self.take("time", "a time HH:MM")
        h, m = int(t[1][:2]), int(t[1][3:])
        if h > 24 or m > 59 or (h == 24 and m):
            raise OHError("time %s out of range at %d" % (t[1], t[2]))

    def times(self):
        while True:
            self.time()
            if not self.at("op", "-"):
                t = self.peek()
                raise OHError("expected '-' after a time at %d, found %r" % (t[2], t[1] or "end"))
            self.i += 1
            self.time()
            if self.at("op", ",") and self.peek(1)[0] == "time":
                self.i += 1
                continue
            return


def check(text):
    """Raises OHError with a position when `text` uses anything outside the supported subset."""
    _Parser(text).parse()
