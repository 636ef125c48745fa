"""Appointment block: consultation slots of a case type of the collaboration service."""

from .appointment import AppointmentBlock as AppointmentBlock
