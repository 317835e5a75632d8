"""The GraphQL API for partner systems: schema, types, mutations and security limits."""
