"""The root GraphQL schema: composes each app's Query (and Mutation) mixin."""

import importlib

import graphene

from . import schema_portal

APP_SCHEMAS = ["kennisbank.schema", "visual.schema", "samenwerking.schema", "search.schema"]


def _mixins(name):
    found = []
    for module_name in APP_SCHEMAS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        if hasattr(module, name):
            found.append(getattr(module, name))
    return found


Query = type("Query", (*_mixins("Query"), schema_portal.Query, graphene.ObjectType), {})
_mutations = _mixins("Mutation")
Mutation = type("Mutation", (*_mutations, graphene.ObjectType), {}) if _mutations else None

schema = graphene.Schema(query=Query, mutation=Mutation)
