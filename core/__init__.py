"""What every app stands on: base models, the access policy, the audit trail, shared utilities."""
