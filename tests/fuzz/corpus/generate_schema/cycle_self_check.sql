CREATE TABLE worker (worker_id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES worker(worker_id), grade SMALLINT);
CREATE TABLE team (team_id VARCHAR(8) PRIMARY KEY, lead_site INTEGER REFERENCES site(site_id));
CREATE TABLE site (site_id INTEGER PRIMARY KEY, home_team VARCHAR(8) NOT NULL REFERENCES team(team_id), opened DATE, closed DATE);
CREATE TABLE link (worker_id INTEGER NOT NULL REFERENCES worker, site_id INTEGER NOT NULL REFERENCES site, PRIMARY KEY (worker_id, site_id));
CHECK ((grade >= 1) AND (grade <= 9))
