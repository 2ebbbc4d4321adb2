"""Access control for pages and page helpers, in one import: who is signed in (ui/identity.py), the sign-in
form and account box (ui/signin.py), the admin's user management (ui/users_admin.py). This module only gathers
them; none of those imports it."""
from __future__ import annotations

from .identity import (ROLES, SESSION_TOKEN, SESSION_USER, Identity, OidcSettings, current, current_role,
                       oidc_settings, require, require_role)
from .signin import account_box, authlib_available, public_sidebar
from .users_admin import users_admin

__all__ = ["ROLES", "SESSION_TOKEN", "SESSION_USER", "Identity", "OidcSettings", "account_box", "authlib_available",
           "current", "current_role", "oidc_settings", "public_sidebar", "require", "require_role", "users_admin"]
