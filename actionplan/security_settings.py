"""Settings of the portal's defences that no deployment changes: django-axes, the
Content-Security-Policy, the API's parser and the `security` log. actionplan/settings.py
imports them (with `*`) and wires them in; what a deployment sets (TRUSTED_PROXY_COUNT, the
limits) is read from the environment there."""

SECURITY_APPS = ["axes", "csp"]
# First: it turns every HTML error under /api/ (also those of the middleware after it) to JSON.
SECURITY_MIDDLEWARE_FIRST = ["actionplan.middleware.ApiErrorsAsJsonMiddleware"]
# django-axes last, as it asks: it answers a locked-out sign-in.
SECURITY_MIDDLEWARE_LAST = ["csp.middleware.CSPMiddleware", "axes.middleware.AxesMiddleware"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Each is counted apart: guessing one account's password from many addresses, or many
# accounts' passwords from one address, both end in a lockout.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "actionplan.security.client_address"
AXES_LOCKOUT_CALLABLE = "actionplan.security_views.sign_in_locked_out"
# Failed sign-ins go to the `security` log (actionplan.security_events); no database row for
# each successful one.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Throttles identify a client through actionplan.security.client_address (see
# actionplan/api/throttling.py), so DRF's NUM_PROXIES stays unused.
API_PARSER_CLASSES = ["actionplan.api.parsers.LimitedJSONParser"]

# Content-Security-Policy: scripts and styles from the portal's own static files only; no
# inline script or style anywhere. The API's documentation pages have their own (looser for
# styles: Swagger UI and Redoc set styles at run time), applied in actionplan.urls.
CSP_BASE_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_BASE_DIRECTIVES}
CSP_API_DOCS_DIRECTIVES = {
    **CSP_BASE_DIRECTIVES,
    "style-src": ["'self'", "'unsafe-inline'"],
    "worker-src": ["'self'", "blob:"],
}
# Swagger UI would ask an outside validator for a badge image.
SWAGGER_UI_SETTINGS = {"deepLinking": True, "validatorUrl": None}

# Without EMAIL_HOST, production sends no mail and writes none, with its reset links, to the
# log; `check --deploy` refuses the console and file backends (actionplan.checks).
UNCONFIGURED_EMAIL_BACKEND = "actionplan.mail.UnconfiguredEmailBackend"

SECURITY_LOGGING = {
    "formatters": {"security": {"format": "%(asctime)s %(levelname)s security %(message)s"}},
    "handlers": {"security": {"class": "logging.StreamHandler", "formatter": "security"}},
    "loggers": {
        "security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # The security log says it all (actionplan.security_events); axes would say it again.
        "axes": {"level": "ERROR"},
    },
}
