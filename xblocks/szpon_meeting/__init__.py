"""Live meeting block: a course meeting run by the collaboration service."""

from .meeting import LiveMeetingBlock as LiveMeetingBlock
