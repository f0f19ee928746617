"""The REST API's shared parts (errors, pagination, CSV, caching, throttling) and the plan's
own endpoints. Each app keeps its endpoints in `<app>/api/`; actionplan/api_urls.py routes them.
"""
