"""The initiatives app's resources: objectives and strategies, narrative sections, targets and progress."""

from initiatives import models
from plans.models import AnnualPlan, PlanStatus
from tests.api import factories as f
from tests.api.resource import PlanRowTests, ScopeTests, WriteTests


class TestObjectives(PlanRowTests):
    model = models.Objective
    update_data = {"title": "Protect life, property and liberty of citizens"}
    invalid_data = {"number": "x" * 11}

    def make(self, side):
        return f.ObjectiveFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "number": "ii", "title": "Prevention of crime", "position": 2}


class TestObjectiveHeadings(PlanRowTests):
    model = models.ObjectiveHeading
    update_data = {"title": "Child Abuse"}
    invalid_data = {"objective": None}

    def make(self, side):
        return f.ObjectiveHeadingFactory(objective__plan=side.plan)

    def create_data(self, side):
        return {"objective": f.ObjectiveFactory(plan=side.plan).pk, "letter": "a", "title": "Child Abuse"}


class TestStrategyPoints(PlanRowTests):
    model = models.StrategyPoint
    update_data = {"text": "Establishment of child pro-cell."}
    invalid_data = {"text": ""}

    def make(self, side):
        return f.StrategyPointFactory(objective__plan=side.plan)

    def create_data(self, side):
        heading = f.ObjectiveHeadingFactory(objective__plan=side.plan)
        return {"objective": heading.objective_id, "heading": heading.pk, "text": "Profiling of offenders."}

    def test_a_heading_of_another_objective_is_refused(self, world, api):
        payload = self.create_data(world.a)
        payload["heading"] = f.ObjectiveHeadingFactory(objective__plan=world.a.plan).pk

        response = self.post(api("clerk"), payload)

        assert response.status_code == 400
        assert response.json() == {"heading": ["The heading must belong to the same objective."]}


class TestNarrativeSections(PlanRowTests):
    model = models.NarrativeSection
    update_data = {"intro": "The importance of community policing cannot be ruled out."}
    invalid_data = {"kind": "poetry"}

    def make(self, side):
        return f.NarrativeSectionFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "kind": "it_initiatives", "title": "I.T Initiatives", "position": 4}


class TestSectionPoints(PlanRowTests):
    model = models.SectionPoint
    update_data = {"text": "Used for registration and monitoring of tenants."}
    invalid_data = {"title": "", "text": ""}

    def make(self, side):
        return f.SectionPointFactory(section__plan=side.plan)

    def create_data(self, side):
        parent = f.SectionPointFactory(section__plan=side.plan)
        return {"section": parent.section_id, "parent": parent.pk, "title": "TRS", "text": "Tenant registration."}

    def test_invalid_input_is_400_with_field_messages(self, world, api):
        """A point with neither title nor text: the model's rule."""
        response = self.post(api("clerk"), {**self.create_data(world.a), **self.invalid_data})

        assert response.status_code == 400
        assert response.json() == {"text": ["A point needs a title or a text."]}


class TestTargets(PlanRowTests):
    model = models.Target
    update_data = {"present_status": "Functional"}
    invalid_data = {"category": ""}

    def make(self, side):
        return f.TargetFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "position": 2, "category": "Police Khidmat Markaz Kasur"}


class TestTargetProgress(WriteTests, ScopeTests):
    model = models.TargetProgress
    update_data = {"status": models.ProgressStatus.ACHIEVED, "note": "Done in October."}
    invalid_data = {"quarter": 5}

    def make(self, side):
        return f.TargetProgressFactory(target__plan=side.plan)

    def create_data(self, side):
        return {"target": f.TargetFactory(plan=side.plan).pk, "quarter": 2, "status": "at_risk"}

    def test_progress_is_recorded_on_an_approved_plan(self, world, api):
        """Quarterly reviews (Article 44) come after approval, so progress stays writable, by who evaluates the
        plan (here a superuser); the district's clerk no longer records it once the plan is submitted."""
        payload = self.create_data(world.a)
        AnnualPlan.objects.filter(pk=world.a.plan.pk).update(status=PlanStatus.APPROVED)

        assert self.post(api("clerk"), payload).status_code == 403
        assert self.post(api("admin"), payload).status_code == 201
