package dev.mailroom.model.onboarding;

public record ChecklistItemId(long value) {}
