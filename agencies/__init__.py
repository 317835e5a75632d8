"""Agencies, roles and memberships, institutions and their PPK; later API clients and notices."""
