from django.apps import AppConfig


class ExtraSectionConfig(AppConfig):
    name = "tests.extra_section"
    label = "extra_section"
    verbose_name = "Extra section (tests only)"
