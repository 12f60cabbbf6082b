"""pretalx's own settings (read from PRETALX_CONFIG_FILE), with one change for
the peer benchmark: mail goes nowhere. pretalx's configuration file can only
choose SMTP (or the console with DEBUG on), and the benchmark must not talk to
any mail server. bench/peer/pretalx.sh copies this file into DIR and sets
DJANGO_SETTINGS_MODULE=pretalx_bench_settings."""

from pretalx.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
