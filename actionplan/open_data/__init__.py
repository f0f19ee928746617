"""The plan as open data: the export document and its JSON Schema (`document`), the DCAT-AP
catalogue record describing every dataset (`catalog`), and the pages serving them (`views`)."""

from .document import FORMAT_VERSION, LICENCE, plan_export, plan_schema

__all__ = ["FORMAT_VERSION", "LICENCE", "plan_export", "plan_schema"]
