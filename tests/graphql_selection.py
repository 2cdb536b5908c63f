"""The selection of every field of a GraphQL type that needs no argument, to a given depth: how
the privacy tests ask every root field for all it can show, and how benchmarks/api.py builds the
costliest documents the limits admit."""


def selection(graphql_type, max_depth=2, depth=0, seen=()):
    """Every field without required arguments, to `max_depth` + 1 levels."""
    from graphql import GraphQLNonNull, GraphQLObjectType, get_named_type

    named = get_named_type(graphql_type)
    if not isinstance(named, GraphQLObjectType):
        return ""
    parts = []
    for field_name, field in named.fields.items():
        if any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if isinstance(inner, GraphQLObjectType):
            if depth >= max_depth or inner.name in seen:
                continue
            sub = selection(inner, max_depth, depth + 1, (*seen, named.name))
            if sub:
                parts.append(f"{field_name} {sub}")
        else:
            parts.append(field_name)
    return "{ " + " ".join(parts) + " }" if parts else ""
