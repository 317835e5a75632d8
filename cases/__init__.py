"""The case graph: registry, contests, content, findings, cases and their workflow, detection."""
