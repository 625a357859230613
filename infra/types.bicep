// Types shared by the modules.

@export()
@description('Tags put on resources: azd reads azd-env-name on the resource group and azd-service-name on the app.')
type resourceTags = {
  @description('A tag name and its value.')
  *: string
}

@export()
@description('App settings by name, each a string, as a function app (or a container\'s environment) reads them.')
type appSettings = {
  @description('A setting\'s name and value.')
  *: string
}
