{
  "ids" = {
    "gids" = {
      "nginx" = 2000;
      "webapp" = 2001;
    };
    "nginxPorts" = {
      "nginx" = 8080;
    };
    "uids" = {
      "nginx" = 2000;
      "webapp" = 2001;
    };
    "webappPorts" = {
      "webapp" = 5000;
    };
  };
  "lastAssignments" = {
    "gids" = 2001;
    "nginxPorts" = 8080;
    "uids" = 2001;
    "webappPorts" = 5000;
  };
}