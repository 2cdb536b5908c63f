"""Limits on a GraphQL document, checked before anything is executed.

graphql-core's standard rules say whether a document is valid; these say whether it is
affordable: its depth, its cost (every field, multiplied by the estimated size of each list
it sits in), and its number of aliases. One walk over the document computes all three; a
fragment is measured once and its figures reused wherever it is spread, so neither fragment
cycles nor fragments spread many times can make the walk itself expensive.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
    get_nullable_type,
    is_list_type,
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
    """Depth counts from 0 at the top-level field, as graphene's depth rule does."""

    depth: int
    cost: int


EMPTY = Measure(depth=-1, cost=0)


class _Walker:
    def __init__(self, schema, fragments, limits):
        self.schema = schema
        self.fragments = fragments
        self.limits = limits
        self.measured = {}
        self.in_progress = set()

    def list_size(self, parent_type, field):
        return self.limits.list_sizes.get(f"{parent_type.name}.{field.name.value}", self.limits.list_size)

    def selection_set(self, parent_type, selection_set):
        depth, cost = -1, 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                measure = self.field(parent_type, selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner_type = self.schema.get_type(condition.name.value) if condition else parent_type
                measure = self.selection_set(inner_type or parent_type, selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                measure = self.fragment(selection.name.value)
            else:
                continue
            depth = max(depth, measure.depth)
            cost += measure.cost
        return Measure(depth=depth, cost=cost)

    def field(self, parent_type, node):
        fields = getattr(parent_type, "fields", None) or {}
        definition = fields.get(node.name.value)
        if definition is None:
            # Introspection fields and unknown fields: the standard rules judge those.
            return Measure(depth=0, cost=1)
        field_type = get_nullable_type(definition.type)
        inner = self.selection_set(get_named_type(field_type), node.selection_set)
        if not is_list_type(field_type):
            return Measure(depth=inner.depth + 1, cost=1 + inner.cost)
        # A list of scalars costs one per value, a list of objects their fields per object.
        size = self.list_size(parent_type, node)
        return Measure(depth=inner.depth + 1, cost=1 + size * max(1, inner.cost))

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
    count = 0
    stack = [
        definition.selection_set for definition in document.definitions if getattr(definition, "selection_set", None)
    ]
    while stack:
        selection_set = stack.pop()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode) and selection.alias is not None:
                count += 1
            if getattr(selection, "selection_set", None):
                stack.append(selection.selection_set)
    return count


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
        measure = walker.selection_set(root, definition.selection_set)
        if measure.depth > limits.depth:
            errors.append(
                PortalError(
                    _("De vraag is te diep genest (maximaal %(max)s niveaus).") % {"max": limits.depth}, definition
                )
            )
        elif measure.cost > limits.cost:
            errors.append(
                PortalError(
                    _(
                        "De vraag is te groot: geschatte kosten %(cost)s, het maximum is %(max)s. "
                        "Vraag minder velden of lijsten tegelijk."
                    )
                    % {"cost": f"{measure.cost:,}".replace(",", "."), "max": f"{limits.cost:,}".replace(",", ".")},
                    definition,
                )
            )
    return errors


def measure_document(schema, document, limits=None):
    """(depth, cost) of every operation, for docs and tests."""
    limits = limits or Limits.from_settings()
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walker = _Walker(schema, fragments, limits)
    return [
        walker.selection_set(schema.query_type, d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
