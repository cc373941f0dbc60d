package io.nifidq.augment;

import java.util.List;
import java.util.function.Supplier;

/** Splits a text into tokens whose texts, concatenated, give the text back exactly. */
public interface TextSplitter {

    List<Token> split(String text);

    /** What goes between an inserted word and its neighbours: a space for English, nothing for Chinese. */
    String wordSeparator();

    /** A splitter made on its first text, with the given word separator. */
    static TextSplitter lazy(final Supplier<? extends TextSplitter> factory, final String wordSeparator) {
        return new TextSplitter() {
            private volatile TextSplitter splitter;

            @Override
            public List<Token> split(final String text) {
                TextSplitter loaded = splitter;
                if (loaded == null) {
                    synchronized (this) {
                        loaded = splitter;
                        if (loaded == null) {
                            loaded = factory.get();
                            splitter = loaded;
                        }
                    }
                }
                return loaded.split(text);
            }

            @Override
            public String wordSeparator() {
                return wordSeparator;
            }
        };
    }
}
