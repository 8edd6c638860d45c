package org.juicetokens.extension.runtime.testext;

/** A class that does not implement JuiceExtension. */
public class NotAnExtension {
}
