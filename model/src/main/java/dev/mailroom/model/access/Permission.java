package dev.mailroom.model.access;

/**
 * What a role may do inside one tenant. Every use case names exactly one of these in its
 * {@link AccessPolicy} check; to protect a new use case, pick (or add) a permission here and give it
 * to the roles in {@link Role}.
 */
public enum Permission {
    /** See that the tenant exists and read its profile. Every role has it. */
    TENANT_VIEW,
    TENANT_EDIT,
    /** Owner only: archive, restore and purge the tenant. */
    TENANT_ARCHIVE,
    /** Owner only: billing settings (prices, fees, retainer). */
    BILLING_MANAGE,
    /** Owner only: remove a connection. */
    CONNECTION_REMOVE,
    /** Owner only: delete a console user. */
    USER_DELETE,

    DOMAINS_VIEW,
    DOMAINS_MANAGE,
    CONNECTIONS_MANAGE,
    CREDENTIALS_MANAGE,
    CREDENTIALS_REVEAL,
    SENDING,
    SUPPRESSIONS_MANAGE,
    /** Warm-up plans, the probation cap and the over-limit policy: Admin and Owner. */
    LIMITS_MANAGE,
    /** Restrict and suspend a tenant, lift it, its automatic-pause policy and probation review: Admin and Owner. */
    ESCALATION_MANAGE,
    /** Tick the onboarding checklist's items by hand, with a note and evidence: Admin and Owner. */
    ONBOARDING_MANAGE,

    TEMPLATES_VIEW,
    TEMPLATES_EDIT,
    /** Send a test of a template to oneself. */
    TEMPLATES_TEST_SEND,

    ANALYTICS_VIEW,
    REPORTS_EXPORT,

    AUDIT_VIEW,

    USERS_MANAGE,

    USAGE_VIEW,
    BILLING_EXPORT
}
