"""What the initiatives app contributes to a plan (see `plans.registry`)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from initiatives import chapters, checks, comparison, demo, editors, exports, views, workbook
from initiatives.models import NarrativeSection, Objective, SectionPoint, StrategyPoint, Target
from plans.registry import ApiField, Chapter, CsvTable, Section, register, serializer_field

register(
    Section(
        "initiatives",
        chapters=(
            Chapter(
                "objectives",
                _("Objectives and strategies"),
                position=90,
                build=chapters.objectives,
                admin_items=("initiatives.admin.ObjectiveInline",),
                editors=editors.objectives,
                edited_with=("initiatives.Objective",),
            ),
            Chapter(
                "narratives",
                _("Community policing, crime control, I.T initiatives, pledge, commitments"),
                position=110,
                build=chapters.narratives,
                admin_items=("initiatives.admin.NarrativeSectionInline",),
                editors=editors.narratives,
                part_prefix="section",
                part_model="initiatives.NarrativeSection",
            ),
            Chapter(
                "targets",
                _("Targets to be achieved and mechanism"),
                position=120,
                build=chapters.targets,
                admin_items=("initiatives.admin.TargetInline",),
                editors=editors.targets,
                edited_with=("initiatives.Target",),
                tables=("targets",),
            ),
        ),
        tables=(CsvTable("targets", _("Targets"), exports.targets),),
        api_fields=(
            ApiField(
                "objectives",
                100,
                serializer_field("initiatives.api.serializers.ObjectiveWithPointsSerializer", many=True),
                prefetch=(
                    Prefetch(
                        "objectives",
                        queryset=Objective.objects.prefetch_related(
                            "headings", Prefetch("points", queryset=StrategyPoint.objects.select_related("heading"))
                        ),
                    ),
                ),
                models=("initiatives.objective", "initiatives.objectiveheading", "initiatives.strategypoint"),
            ),
            ApiField(
                "narrative_sections",
                130,
                serializer_field("initiatives.api.serializers.NarrativeSectionWithPointsSerializer", many=True),
                prefetch=(
                    Prefetch(
                        "narrative_sections",
                        queryset=NarrativeSection.objects.prefetch_related(
                            Prefetch("points", queryset=SectionPoint.objects.select_related("parent"))
                        ),
                    ),
                ),
                models=("initiatives.narrativesection", "initiatives.sectionpoint"),
            ),
            ApiField(
                "targets",
                140,
                serializer_field("initiatives.api.serializers.TargetWithProgressSerializer", many=True),
                prefetch=(Prefetch("targets", queryset=Target.objects.prefetch_related("progress")),),
                models=("initiatives.target", "initiatives.targetprogress"),
            ),
        ),
        check=checks.check,
        compare=comparison.compare,
        text_sources=tuple(checks.TEXT_SOURCES),
        demo=((60, demo.objectives), (70, demo.narratives), (90, demo.targets)),
        demo_progress=demo.progress,
        plan_page_context=lambda plan, user: views.plan_page_context(plan, user),
        urls="initiatives.urls",
        plan_api_actions=("initiatives.api.views.target_progress",),
        workbook_sheets=workbook.SHEETS,
    )
)
