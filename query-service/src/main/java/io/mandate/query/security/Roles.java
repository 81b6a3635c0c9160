package io.mandate.query.security;

/** The roles of Mandate's operators; every investigation read is open to all three. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String INVESTIGATOR = "INVESTIGATOR";
    public static final String RESPONDER = "RESPONDER";

    static final String[] READERS = {INVESTIGATOR, RESPONDER, ADMIN};

    private Roles() {
    }
}
