"""graphql-core's and graphene-django's English messages in Dutch, in one table.

Each entry is a pattern of the English message and its Dutch text; the names in the message
(fields, types, arguments, variables) are kept as they are, because a client needs them to
fix its query. A message of graphql-core that no pattern knows gets a general Dutch text,
never the English one.
"""

import re

from django.utils.translation import gettext_lazy as _

from graphql import GraphQLError


class PortalError(GraphQLError):
    """An error the portal raises before execution; its message is Dutch already."""


_NAME = r"'(?P<{}>[^']*)'"


def _p(pattern):
    """A pattern written with {name} for a quoted name, {value} for a printed value and
    {inner} for a nested message; a "Did you mean" suggestion may follow."""
    pattern = re.escape(pattern)

    def group(match):
        name = match.group(1)
        if name == "inner":
            return r"(?P<inner>.+)"
        if name.startswith("value") or name == "reason":
            return rf"(?P<{name}>.+?)"
        return _NAME.format(name)

    pattern = re.sub(r"\\\{(\w+)\\\}", group, pattern)
    return re.compile(pattern + r"(?P<rest>(?: Did you mean .*\?)?)\Z", re.DOTALL)


MESSAGES = [
    (_p("Cannot query field {field} on type {type}."), _("Het veld '%(field)s' bestaat niet op type '%(type)s'.")),
    (_p("Unknown argument {argument} on field {field}."), _("Onbekend argument '%(argument)s' bij veld '%(field)s'.")),
    (
        _p("Unknown argument {argument} on directive {directive}."),
        _("Onbekend argument '%(argument)s' bij directive '%(directive)s'."),
    ),
    (
        _p("Field {field} argument {argument} of type {type} is required, but it was not provided."),
        _("Bij veld '%(field)s' is argument '%(argument)s' (type '%(type)s') verplicht, maar het ontbreekt."),
    ),
    (
        _p(
            "Fields {field} conflict because {reason}. Use different aliases on the fields to fetch "
            "both if this was intentional."
        ),
        _("Velden met de naam '%(field)s' botsen: %(reason)s. Geef ze verschillende aliassen."),
    ),
    (_p("Schema is not configured to execute {value} operation."), _("Deze API kent geen %(value)s.")),
    (
        _p("Field {field} must not have a selection since type {type} has no subfields."),
        _("Veld '%(field)s' heeft geen onderliggende velden (type '%(type)s'); laat { … } weg."),
    ),
    (
        _p("Field {field} of type {type} must have a selection of subfields."),
        _("Veld '%(field)s' (type '%(type)s') vraagt om onderliggende velden tussen { }."),
    ),
    (
        _p("Cannot spread fragment {fragment} within itself via {value}."),
        _("Fragment '%(fragment)s' verwijst via %(value)s naar zichzelf."),
    ),
    (_p("Cannot spread fragment {fragment} within itself."), _("Fragment '%(fragment)s' verwijst naar zichzelf.")),
    (_p("Unknown fragment {fragment}."), _("Onbekend fragment '%(fragment)s'.")),
    (_p("Fragment {fragment} is never used."), _("Fragment '%(fragment)s' wordt niet gebruikt.")),
    (_p("There can be only one fragment named {fragment}."), _("Er mag maar één fragment '%(fragment)s' zijn.")),
    (
        _p("Fragment {fragment} cannot be spread here as objects of type {type} can never be of type {other}."),
        _("Fragment '%(fragment)s' past hier niet: type '%(type)s' is nooit '%(other)s'."),
    ),
    (
        _p("Fragment cannot be spread here as objects of type {type} can never be of type {other}."),
        _("Dit fragment past hier niet: type '%(type)s' is nooit '%(other)s'."),
    ),
    (
        _p("Fragment {fragment} cannot condition on non composite type {type}."),
        _("Fragment '%(fragment)s' kan niet op type '%(type)s'."),
    ),
    (_p("Unknown type {type}."), _("Onbekend type '%(type)s'.")),
    (_p("Unknown directive {directive}."), _("Onbekende directive '%(directive)s'.")),
    (
        _p("Variable {variable} is never used in operation {operation}."),
        _("Variabele '%(variable)s' wordt niet gebruikt in '%(operation)s'."),
    ),
    (_p("Variable {variable} is never used."), _("Variabele '%(variable)s' wordt niet gebruikt.")),
    (
        _p("Variable {variable} is not defined by operation {operation}."),
        _("Variabele '%(variable)s' is niet gedeclareerd in '%(operation)s'."),
    ),
    (_p("Variable {variable} is not defined."), _("Variabele '%(variable)s' is niet gedeclareerd.")),
    (_p("There can be only one variable named {variable}."), _("Er mag maar één variabele '%(variable)s' zijn.")),
    (_p("There can be only one argument named {argument}."), _("Argument '%(argument)s' staat er meer dan eens.")),
    (_p("There can be only one input field named {field}."), _("Invoerveld '%(field)s' staat er meer dan eens.")),
    (_p("There can be only one operation named {operation}."), _("Er mag maar één operatie '%(operation)s' zijn.")),
    (
        _p("This anonymous operation must be the only defined operation."),
        _("Een operatie zonder naam moet de enige operatie in de vraag zijn."),
    ),
    (
        _p("Variable {variable} of type {type} used in position expecting type {other}."),
        _("Variabele '%(variable)s' heeft type '%(type)s', maar hier is '%(other)s' nodig."),
    ),
    (
        _p("Variable {variable} cannot be non-input type {type}."),
        _("Variabele '%(variable)s' kan geen type '%(type)s' hebben."),
    ),
    (
        _p("Variable {variable} of required type {type} was not provided."),
        _("Variabele '%(variable)s' (type '%(type)s') is verplicht, maar ontbreekt."),
    ),
    (
        _p("Variable {variable} of non-null type {type} must not be null."),
        _("Variabele '%(variable)s' (type '%(type)s') mag niet leeg (null) zijn."),
    ),
    (
        _p("Variable {variable} expected value of type {type} which cannot be used as an input type."),
        _("Variabele '%(variable)s' heeft type '%(type)s', dat geen invoertype is."),
    ),
    (
        _p("Variable {variable} got invalid value {value} at {path}; {inner}"),
        _("Variabele '%(variable)s' heeft een ongeldige waarde %(value)s bij '%(path)s'"),
    ),
    (
        _p("Variable {variable} got invalid value {value}; {inner}"),
        _("Variabele '%(variable)s' heeft een ongeldige waarde %(value)s"),
    ),
    (_p("Expected value of type {type}, found {value}; {inner}"), _("Waarde %(value)s past niet bij type '%(type)s'")),
    (_p("Expected value of type {type}, found {value}."), _("Waarde %(value)s past niet bij type '%(type)s'.")),
    (
        _p("Field {field} of required type {type} was not provided."),
        _("Veld '%(field)s' (type '%(type)s') is verplicht, maar ontbreekt."),
    ),
    (_p("Field {field} is not defined by type {type}."), _("Veld '%(field)s' bestaat niet in type '%(type)s'.")),
    (_p("Expected type {type} to be a mapping."), _("Type '%(type)s' verwacht een object { … }.")),
    (
        _p("Argument {argument} has invalid value {value}."),
        _("Argument '%(argument)s' heeft een ongeldige waarde %(value)s."),
    ),
    (
        _p("Argument {argument} of required type {type} was not provided."),
        _("Argument '%(argument)s' (type '%(type)s') is verplicht, maar ontbreekt."),
    ),
    (
        _p("Argument {argument} of non-null type {type} must not be null."),
        _("Argument '%(argument)s' (type '%(type)s') mag niet leeg (null) zijn."),
    ),
    (
        _p("String cannot represent a non string value: {value}"),
        _("Een tekst (String) wordt verwacht, niet %(value)s."),
    ),
    (
        _p("Int cannot represent non-integer value: {value}"),
        _("Een geheel getal (Int) wordt verwacht, niet %(value)s."),
    ),
    (
        _p("Int cannot represent non 32-bit signed integer value: {value}"),
        _("Het getal %(value)s is te groot of te klein (Int, 32 bits)."),
    ),
    (_p("Float cannot represent non numeric value: {value}"), _("Een getal (Float) wordt verwacht, niet %(value)s.")),
    (
        _p("Boolean cannot represent a non boolean value: {value}"),
        _("true of false (Boolean) wordt verwacht, niet %(value)s."),
    ),
    (
        _p("ID cannot represent a non-string and non-integer value: {value}"),
        _("Een id (tekst of geheel getal) wordt verwacht, niet %(value)s."),
    ),
    (_p("Date cannot represent value: {value}"), _("Een datum (jjjj-mm-dd) wordt verwacht, niet %(value)s.")),
    (_p("Enum {type} cannot represent non-enum value: {value}."), _("Waarde %(value)s is geen keuze van '%(type)s'.")),
    (_p("Unknown operation named {operation}."), _("Onbekende operatie '%(operation)s'.")),
    (
        _p("Must provide operation name if query contains multiple operations."),
        _("De vraag bevat meer operaties: geef operationName op."),
    ),
    (_p("Must provide query string."), _('Geef een vraag op: een JSON-object met het veld "query".')),
    (
        _p("Can only perform a {value} operation from a POST request."),
        _("Een %(value)s kan alleen met een POST-verzoek."),
    ),
    (_p("GraphQL only supports GET and POST requests."), _("Dit adres kent alleen GET- en POST-verzoeken.")),
    (_p("POST body sent invalid JSON."), _("Het verzoek is geen geldige JSON.")),
    (
        _p("The received data is not a valid JSON query."),
        _('Het verzoek moet een JSON-object met het veld "query" zijn.'),
    ),
    (_p("Variables are invalid JSON."), _("De variabelen zijn geen geldige JSON.")),
    (_p("Cannot return null for non-nullable field {field}."), _("Er ging iets mis bij het verwerken van deze vraag.")),
]

# Why two fields with one response name cannot be merged (OverlappingFieldsCanBeMerged).
REASONS = [
    (
        re.compile(r"'(?P<a>[^']*)' and '(?P<b>[^']*)' are different fields\Z"),
        _("'%(a)s' en '%(b)s' zijn verschillende velden"),
    ),
    (re.compile(r"they have differing arguments\Z"), _("ze hebben verschillende argumenten")),
    (
        re.compile(r"they return conflicting types '(?P<a>[^']*)' and '(?P<b>[^']*)'\Z"),
        _("ze geven verschillende typen, '%(a)s' en '%(b)s'"),
    ),
    (re.compile(r"they have differing stream directives\Z"), _("hun directives verschillen")),
]


def _reason(reason):
    for pattern, dutch in REASONS:
        match = pattern.match(reason)
        if match:
            return str(dutch) % match.groupdict()
    match = re.match(
        r"subfields (?P<field>'[^']*') conflict because (?P<inner>.+?)"
        r"(?: and subfields .*)?\Z",
        reason,
        re.DOTALL,
    )
    if match:
        return str(_("de onderliggende velden %(field)s botsen: %(inner)s")) % {
            "field": match.group("field"),
            "inner": _reason(match.group("inner")),
        }
    return str(_("ze verschillen"))


# Limits of the parser: not a mistake in the query, so not called a syntax error.
PARSER_LIMITS = [
    (
        re.compile(r"Document contains more than (?P<max>\d+) tokens\..*\Z", re.DOTALL),
        _("De vraag is te lang: meer dan %(max)s onderdelen (tokens)."),
    ),
    (re.compile(r"Document is nested too deeply\..*\Z", re.DOTALL), _("De vraag is te diep genest.")),
]

SYNTAX = [
    (
        re.compile(r"Expected (?P<expected>.+?), found (?P<found>.+)\.\Z", re.DOTALL),
        _("%(expected)s verwacht, maar %(found)s gevonden."),
    ),
    (re.compile(r"Unexpected character: (?P<found>.+)\.\Z", re.DOTALL), _("Onverwacht teken %(found)s.")),
    (re.compile(r"Unexpected (?P<found>.+)\.\Z", re.DOTALL), _("Onverwacht: %(found)s.")),
    (re.compile(r"Unterminated string\.\Z"), _("Een tekst tussen aanhalingstekens is niet afgesloten.")),
    (re.compile(r"Invalid number.*\Z", re.DOTALL), _("Ongeldig getal.")),
    (
        re.compile(r"Invalid character (?:within String|escape sequence).*\Z", re.DOTALL),
        _("Ongeldig teken in een tekst."),
    ),
]

_SYNTAX_WORDS = {
    "<EOF>": _("het einde van de vraag"),
    "Name": _("een naam"),
    "String": _("een tekst"),
    "BlockString": _("een tekst"),
    "Int": _("een getal"),
    "Float": _("een getal"),
}


def _token(description):
    """graphql-core describes a token as its kind, then its value: Name "x", <EOF>, '}'."""
    kind, _space, value = description.partition(" ")
    if kind in _SYNTAX_WORDS:
        return f"{_SYNTAX_WORDS[kind]} {value}".strip()
    return description


_SUGGESTION = _(" Bedoelde u %(options)s?")


def _translate_suggestion(rest):
    match = re.match(r"\s*Did you mean (?P<options>.+)\?\s*\Z", rest, re.DOTALL)
    if not match:
        return ""
    options = match.group("options").replace(", or ", " of ").replace(" or ", " of ")
    return str(_SUGGESTION) % {"options": options}


def _syntax(description, error):
    for pattern, dutch in PARSER_LIMITS:
        match = pattern.match(description)
        if match:
            return str(dutch) % match.groupdict()
    location = ""
    if error is not None and error.locations:
        first = error.locations[0]
        location = str(_(" (regel %(line)s, kolom %(column)s)")) % {"line": first.line, "column": first.column}
    detail = ""
    for pattern, dutch in SYNTAX:
        match = pattern.match(description)
        if match:
            values = {k: _token(v) for k, v in match.groupdict().items()}
            detail = str(dutch) % values
            detail = " " + detail[:1].upper() + detail[1:]
            break
    return str(_("Syntaxisfout in de vraag%(location)s.")) % {"location": location} + detail


GENERAL = _("De vraag is ongeldig.")


def translate(message, error=None):
    """The Dutch message for a message of graphql-core or graphene-django, or None if the
    message is not theirs (then it is one of the portal's own, already Dutch)."""
    if message.startswith("Syntax Error: "):
        return _syntax(message[len("Syntax Error: ") :], error)
    for pattern, dutch in MESSAGES:
        match = pattern.match(message)
        if not match:
            continue
        values = match.groupdict()
        rest = values.pop("rest")
        inner = values.pop("inner", None)
        if "reason" in values:
            values["reason"] = _reason(values["reason"])
        text = str(dutch) % values
        if inner is not None:
            text = f"{text}: {translate(inner) or GENERAL}"
        return text + _translate_suggestion(rest)
    return None
