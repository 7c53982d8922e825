package dev.mailroom.app.common;

import java.util.function.Function;
import javafx.util.StringConverter;

/** Shows records in combo boxes by a label; the boxes are not editable, so nothing is parsed back. */
public final class Converters {
    private Converters() {}

    public static <T> StringConverter<T> labelled(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
