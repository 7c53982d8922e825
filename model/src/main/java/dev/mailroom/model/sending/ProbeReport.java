package dev.mailroom.model.sending;

import java.util.List;

/**
 * What "Test connection" found.
 *
 * @param ok whether Mailroom could connect, secure the connection and sign in as configured
 * @param summary one sentence for the person: what works, or exactly what went wrong
 * @param offered what the server said it offers ("STARTTLS", "AUTH PLAIN LOGIN", "SIZE 35882577"…) and the TLS in use
 */
public record ProbeReport(boolean ok, String summary, List<String> offered) {
    public ProbeReport {
        offered = List.copyOf(offered);
    }
}
