INSERT INTO points (id, label) VALUES (3, 'staff.count=4');
