from strawberry.tools import merge_types

from .actions import ActionMutations
from .cases import CaseMutations
from .detection import DetectionMutations
from .intake import IntakeMutations

Mutation = merge_types(
    "Mutation", (IntakeMutations, CaseMutations, ActionMutations, DetectionMutations)
)
