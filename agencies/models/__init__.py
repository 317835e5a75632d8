from .agency import Agency, AgencyRole, Role
from .institution import Institution
from .membership import Membership

__all__ = ["Agency", "AgencyRole", "Institution", "Membership", "Role"]
