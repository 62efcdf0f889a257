/* The clinic's side of embedding: see docs/for-clinics/embed.md. */
