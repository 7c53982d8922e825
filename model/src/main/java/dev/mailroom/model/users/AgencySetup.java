package dev.mailroom.model.users;

/** The first-run form: the agency and its owner. */
public record AgencySetup(
        String agencyName, String ownerName, String ownerEmail, char[] password, char[] passwordAgain) {}
