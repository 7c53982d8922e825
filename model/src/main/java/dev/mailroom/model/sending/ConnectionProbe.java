package dev.mailroom.model.sending;

/** Port: connects to a relay as the sender would, signs in, and says what it found. Sends no message. */
public interface ConnectionProbe {
    ProbeReport probe(SmtpEndpoint endpoint);
}
