-- Everything stored for a learner, children first. Each statement takes the user's row id.
DELETE FROM records WHERE user_id = ?1;
DELETE FROM pairing_codes WHERE user_id = ?1;
DELETE FROM devices WHERE user_id = ?1;
DELETE FROM users WHERE id = ?1;
