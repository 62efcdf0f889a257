/* The framed side of embedding: see docs/for-clinics/embed.md. */
