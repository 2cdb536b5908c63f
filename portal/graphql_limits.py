"""Limits on a GraphQL document, checked before anything is executed.

graphql-core's standard rules say whether a document is valid; these say whether it is
affordable: its depth, its cost (every field, multiplied by the estimated size of each list
it sits in), and its number of aliases. One walk over the document computes all three; a
fragment is measured once and its figures reused wherever it is spread, so neither fragment
cycles nor fragments spread many times can make the walk itself expensive.

Introspection (`__schema`, `__type`) is walked like any field, over graphql-core's
introspection types, with the exact list sizes of this schema (its number of types, the most
fields of a type …). Its figures are held apart, against those of graphql-core's standard
introspection query (`get_introspection_query()`, every option on), which GraphiQL and client
generators send and which is deeper than the depth limit of data queries (its `ofType` chain
alone is nine levels): that query passes, anything deeper or costlier than it is refused, such
as `__schema { types { fields { type { fields { type { fields … } } } } } }`, whose answer grows
with the number of fields to the power of its depth.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SchemaMetaFieldDef,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
    get_introspection_query,
    get_named_type,
    get_nullable_type,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_list_type,
    is_object_type,
    is_union_type,
    parse,
)

from .graphql_errors import PortalError


@dataclass(frozen=True)
class Limits:
    depth: int
    cost: int
    aliases: int
    list_size: int
    list_sizes: dict

    @classmethod
    def from_settings(cls):
        return cls(
            depth=settings.GRAPHQL_MAX_DEPTH,
            cost=settings.GRAPHQL_MAX_COST,
            aliases=settings.GRAPHQL_MAX_ALIASES,
            list_size=settings.GRAPHQL_LIST_SIZE,
            list_sizes=settings.GRAPHQL_LIST_SIZES,
        )


@dataclass(frozen=True)
class Measure:
    """Depth counts from 0 at the top-level field, as graphene's depth rule does. What the
    introspection fields ask is counted apart (`introspection_*`)."""

    depth: int
    cost: int
    introspection_depth: int = -1
    introspection_cost: int = 0

    def __add__(self, other):
        """Two selections side by side."""
        return Measure(
            depth=max(self.depth, other.depth),
            cost=self.cost + other.cost,
            introspection_depth=max(self.introspection_depth, other.introspection_depth),
            introspection_cost=self.introspection_cost + other.introspection_cost,
        )

    def within(self, list_size=None):
        """This selection as the selection of one field, of a list of `list_size` when given:
        a list of scalars costs one per value, a list of objects their fields per object."""
        if list_size is None:
            cost, introspection_cost = 1 + self.cost, self.introspection_cost
        else:
            cost, introspection_cost = 1 + list_size * max(1, self.cost), list_size * self.introspection_cost
        return Measure(
            depth=self.depth + 1,
            cost=cost,
            introspection_depth=self.introspection_depth + 1 if self.introspection_depth >= 0 else -1,
            introspection_cost=introspection_cost,
        )

    def as_introspection(self):
        return Measure(
            depth=-1,
            cost=0,
            introspection_depth=max(self.depth, self.introspection_depth),
            introspection_cost=self.cost + self.introspection_cost,
        )


EMPTY = Measure(depth=-1, cost=0)
INTROSPECTION_ROOTS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


def introspection_list_sizes(schema):
    """The largest each introspection list can be in this schema: not estimates, the facts."""
    types = list(schema.type_map.values())

    def most(values):
        return max((len(v) for v in values), default=0)

    fields = [t.fields for t in types if is_object_type(t) or is_interface_type(t)]
    return {
        "__Schema.types": len(types),
        "__Schema.directives": len(schema.directives),
        "__Type.fields": most(fields),
        "__Type.interfaces": most(t.interfaces for t in types if is_object_type(t) or is_interface_type(t)),
        "__Type.possibleTypes": max(
            [most(t.types for t in types if is_union_type(t))]
            + [len(schema.get_possible_types(t)) for t in types if is_interface_type(t)]
        ),
        "__Type.enumValues": most(t.values for t in types if is_enum_type(t)),
        "__Type.inputFields": most(t.fields for t in types if is_input_object_type(t)),
        "__Field.args": max([most(f.args for f in fs.values()) for fs in fields], default=0),
        "__Directive.args": most(d.args for d in schema.directives),
        "__Directive.locations": most(d.locations for d in schema.directives),
    }


class _Walker:
    def __init__(self, schema, fragments, limits):
        self.schema = schema
        self.fragments = fragments
        self.limits = limits
        self.introspection_sizes = _introspection_sizes(schema)
        self.measured = {}
        self.in_progress = set()

    def list_size(self, parent_type, field):
        key = f"{parent_type.name}.{field.name.value}"
        if key in self.introspection_sizes:
            return self.introspection_sizes[key]
        return self.limits.list_sizes.get(key, self.limits.list_size)

    def selection_set(self, parent_type, selection_set):
        measure = EMPTY
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                measure += self.field(parent_type, selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner_type = self.schema.get_type(condition.name.value) if condition else parent_type
                measure += self.selection_set(inner_type or parent_type, selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                measure += self.fragment(selection.name.value)
        return measure

    def field(self, parent_type, node):
        name = node.name.value
        # graphql-core answers `__schema` and `__type` on the query type only (get_field_def).
        introspection = name in INTROSPECTION_ROOTS and parent_type is self.schema.query_type
        if introspection:
            definition = INTROSPECTION_ROOTS[name]
        elif name == "__typename":
            definition = TypeNameMetaFieldDef
        else:
            definition = (getattr(parent_type, "fields", None) or {}).get(name)
        if definition is None:
            # An unknown field: the standard rules refuse it.
            return Measure(depth=0, cost=1)
        field_type = get_nullable_type(definition.type)
        inner = self.selection_set(get_named_type(field_type), node.selection_set)
        measure = inner.within(self.list_size(parent_type, node) if is_list_type(field_type) else None)
        return measure.as_introspection() if introspection else measure

    def fragment(self, name):
        if name in self.measured:
            return self.measured[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            # An unknown fragment or a cycle: NoFragmentCycles and KnownFragmentNames refuse it.
            return EMPTY
        self.in_progress.add(name)
        parent_type = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selection_set(parent_type, definition.selection_set) if parent_type else EMPTY
        self.in_progress.discard(name)
        self.measured[name] = measure
        return measure


def count_aliases(document):
    """The aliases of a document as it is executed: a fragment's aliases count once for each
    place it is spread. A fragment that no operation spreads counts once, as the standard
    rules still read it."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    counted, in_progress = {}, set()

    def in_fragment(name):
        if name in counted:
            return counted[name]
        if name not in fragments or name in in_progress:
            # An unknown fragment or a cycle: the standard rules refuse it.
            return 0
        in_progress.add(name)
        counted[name] = in_selection_set(fragments[name].selection_set)
        in_progress.discard(name)
        return counted[name]

    def in_selection_set(selection_set):
        count, stack = 0, [selection_set]
        while stack:
            for selection in stack.pop().selections:
                if isinstance(selection, FieldNode) and selection.alias is not None:
                    count += 1
                if isinstance(selection, FragmentSpreadNode):
                    count += in_fragment(selection.name.value)
                elif selection.selection_set is not None:
                    stack.append(selection.selection_set)
        return count

    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    count = sum(in_selection_set(d.selection_set) for d in operations)
    return count + sum(in_fragment(name) for name in fragments if name not in counted)


@lru_cache(maxsize=8)
def _introspection_sizes(schema):
    return introspection_list_sizes(schema)


@lru_cache(maxsize=8)
def introspection_allowance(schema):
    """(depth, cost) of graphql-core's standard introspection query, every option on: what an
    introspection may ask at most."""
    document = parse(
        get_introspection_query(
            descriptions=True,
            specified_by_url=True,
            directive_is_repeatable=True,
            schema_description=True,
            input_value_deprecation=True,
        )
    )
    (measure,) = measure_document(schema, document)
    return measure.introspection_depth, measure.introspection_cost


def _figure(number):
    return f"{number:,}".replace(",", ".")


def _over(measure, limits, allowance):
    """The Dutch refusal of one operation's measure, or None when it is within the limits."""
    depth, cost = allowance
    if measure.depth > limits.depth:
        return _("De vraag is te diep genest (maximaal %(max)s niveaus).") % {"max": limits.depth}
    if measure.introspection_depth > depth:
        return _("De vraag is te diep genest (maximaal %(max)s niveaus voor introspectie).") % {"max": depth}
    if measure.cost > limits.cost:
        return _(
            "De vraag is te groot: geschatte kosten %(cost)s, het maximum is %(max)s. "
            "Vraag minder velden of lijsten tegelijk."
        ) % {"cost": _figure(measure.cost), "max": _figure(limits.cost)}
    if measure.introspection_cost > cost:
        return _(
            "De vraag is te groot: geschatte kosten %(cost)s, het maximum is %(max)s voor introspectie. "
            "Vraag minder velden of lijsten tegelijk."
        ) % {"cost": _figure(measure.introspection_cost), "max": _figure(cost)}
    return None


def check_limits(schema, document, limits=None):
    """The errors (Dutch, located at the operation) of a document over its limits."""
    limits = limits or Limits.from_settings()
    aliases = count_aliases(document)
    if aliases > limits.aliases:
        return [
            PortalError(
                _("De vraag gebruikt %(count)s aliassen; het maximum is %(max)s.")
                % {"count": aliases, "max": limits.aliases}
            )
        ]
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walker = _Walker(schema, fragments, limits)
    allowance = introspection_allowance(schema)
    errors = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        root = {
            OperationType.QUERY: schema.query_type,
            OperationType.MUTATION: schema.mutation_type,
            OperationType.SUBSCRIPTION: schema.subscription_type,
        }[definition.operation]
        if root is None:
            continue
        message = _over(walker.selection_set(root, definition.selection_set), limits, allowance)
        if message:
            errors.append(PortalError(message, definition))
    return errors


def measure_document(schema, document, limits=None):
    """The measure of every operation, for docs and tests."""
    limits = limits or Limits.from_settings()
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walker = _Walker(schema, fragments, limits)
    return [
        walker.selection_set(schema.query_type, d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
