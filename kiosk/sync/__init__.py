"""Hub protocol client, outbox engine, status pulls. No Qt."""
