import factory
from factory.django import DjangoModelFactory

from collab_service.tasks.models import Task, TaskList


class TaskListFactory(DjangoModelFactory):
    """A unit's list unless ``owner`` is given (then pass ``unit=None``)."""

    class Meta:
        model = TaskList

    name = factory.Sequence(lambda n: f"Lista {n}")
    unit = None
    owner = None
    institution = factory.LazyAttribute(
        lambda task_list: (
            task_list.unit.institution
            if task_list.unit
            else task_list.owner.memberships.first().institution
        )
    )


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    task_list = factory.SubFactory(TaskListFactory)
    title = factory.Sequence(lambda n: f"Zadanie {n}")

    @factory.post_generation
    def assignees(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.assignees.set(extracted)
