package dev.mailroom.model.access;

/** The first-run form: the agency and its owner. */
public record AgencySetup(
        String agencyName, String ownerName, String ownerEmail, char[] password, char[] passwordAgain) {}
