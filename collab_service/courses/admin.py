from django.contrib import admin

from collab_service.courses.models import CourseConsultation, CourseMeeting, LearnerBooking


@admin.register(CourseMeeting)
class CourseMeetingAdmin(admin.ModelAdmin):
    list_display = ["block_id", "course_id", "meeting", "schedule", "guest_access", "started_at"]
    list_filter = ["schedule", "guest_access"]
    search_fields = ["block_id", "course_id", "meeting__title"]
    raw_id_fields = ["meeting"]
    readonly_fields = ["public_id", "started_at", "created_at", "updated_at"]
    list_select_related = ["meeting"]


@admin.register(CourseConsultation)
class CourseConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "block_id", "course_id", "case_type"]
    search_fields = ["title", "block_id", "course_id"]
    raw_id_fields = ["case_type"]
    list_select_related = ["case_type"]


@admin.register(LearnerBooking)
class LearnerBookingAdmin(admin.ModelAdmin):
    list_display = ["booking", "user", "course_id", "block_id", "created_at"]
    search_fields = ["booking__reference_code", "user__username", "course_id", "block_id"]
    raw_id_fields = ["booking", "user"]
    readonly_fields = ["created_at"]
    list_select_related = ["booking", "user"]
