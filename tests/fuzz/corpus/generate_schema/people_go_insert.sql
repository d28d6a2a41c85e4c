CREATE TABLE people (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, date_of_birth DATE, postcode VARCHAR(8), nhs_number VARCHAR(10), email TEXT);
GO
CREATE TABLE visits (visit_id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id), visit_date DATE, notes TEXT);
INSERT INTO people VALUES (1,'a','b','2000-01-01','x','y','z');
