//! The visual encoding of a map (shape, colour, size, width, dash) as plain data, shared by
//! the window and by exports so that both look the same. No egui here: colours are RGBA.
