package dev.mailroom.model.templates;

/** Port: compares two texts line by line (a diff library in the mailer module). */
public interface TextDiffer {
    SideBySideDiff compare(String left, String right);
}
