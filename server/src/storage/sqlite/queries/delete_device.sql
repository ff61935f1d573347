-- Signs one device out: its token stops working. Its records stay with the learner.
DELETE FROM devices
WHERE token_hash = ?1
