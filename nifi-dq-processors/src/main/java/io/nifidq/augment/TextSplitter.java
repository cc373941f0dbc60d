package io.nifidq.augment;

import java.util.List;

/** Splits a text into tokens whose texts, concatenated, give the text back exactly. */
public interface TextSplitter {

    List<Token> split(String text);

    /** What goes between an inserted word and its neighbours: a space for English, nothing for Chinese. */
    String wordSeparator();
}
